"""A stand-in for bot.advisor's create_console: proves the sub-app reaches the gateway."""
from aiohttp import web


def create_console(database_url=None) -> web.Application:
    async def ping(request):
        return web.json_response({"gateway": request.config_dict["gateway"] is not None})

    console = web.Application()
    console.router.add_get("/ping", ping)
    return console
