from sqlalchemy.orm import close_all_sessions
from sqlalchemy.ext.asyncio import AsyncSession


def shutdown(pool):
    close_all_sessions()
    pool.close_all()


async def async_shutdown():
    await AsyncSession.close_all()
