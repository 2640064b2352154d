"""policy-assistant: cited answers from local policy documents, offline.

    from assistant import Assistant, ask
    bot = Assistant()
    answer = bot.ask("Where and when did Efus adopt its resolution on local drug policy?")
"""

from assistant.core import Assistant, ask
from assistant.errors import AssistantError
from assistant.schema import Answer, Citation, IndexReport, Passage
from assistant.settings import Settings

__all__ = ["Answer", "Assistant", "AssistantError", "Citation", "IndexReport", "Passage", "Settings", "ask"]
