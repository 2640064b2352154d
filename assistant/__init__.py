"""policy-assistant: cited answers from local policy documents, offline.

    from assistant import Assistant, ask
    bot = Assistant()
    answer = bot.ask("Where and when did Efus adopt its resolution on local drug policy?")
"""

from assistant.environment import apply_offline_defaults

apply_offline_defaults()  # before any library that reads these variables is imported

from assistant.answer.filters import Filters  # noqa: E402
from assistant.errors import AssistantError  # noqa: E402
from assistant.schema import Answer, Citation, IndexReport, Passage  # noqa: E402
from assistant.service import Assistant, ask  # noqa: E402
from assistant.settings import Settings  # noqa: E402

__all__ = ["Answer", "Assistant", "AssistantError", "Citation", "Filters", "IndexReport", "Passage", "Settings",
           "ask"]
