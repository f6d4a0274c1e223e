__title__ = "openai"
__version__ = "0.1.0"
