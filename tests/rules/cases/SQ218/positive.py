from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import scoped_session, sessionmaker

async_engine = create_async_engine("sqlite+aiosqlite://")
Session = scoped_session(sessionmaker(class_=AsyncSession, bind=async_engine))  # expect: SQ218
factory = async_sessionmaker(async_engine)
Scoped = scoped_session(factory)  # expect: SQ218


async def shutdown():
    await AsyncSession.close_all()  # expect: SQ218
