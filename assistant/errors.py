"""Errors a user can cause. Each message names the file or setting and says what to do."""


class AssistantError(Exception):
    """Base class: the CLI and UI show these as one line, never as a traceback."""


class SettingsError(AssistantError):
    """A setting has an invalid value or the settings file cannot be read."""


class CorpusError(AssistantError):
    """The corpus folder is missing or unusable as a whole."""


class DocumentError(AssistantError):
    """One document cannot be read; the sync reports it and goes on with the others."""


class IndexMissingError(AssistantError):
    """Asked a question before any index was built."""


class ModelError(AssistantError):
    """A model file or model server cannot be used."""
