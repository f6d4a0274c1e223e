__title__ = "openai"
__version__ = "2.3.0"
