"""Crisis Binder core: a Qt-free library and CLI over an encrypted SQLCipher binder."""

__version__ = "0.1.0"
