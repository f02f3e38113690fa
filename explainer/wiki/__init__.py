"""Wiki knowledge about a series (namu.wiki, Wikipedia): parsers are pure functions over the
page text, the client fetches through the one `SafeFetcher`."""

from explainer.wiki.client import (
    fetch_namuwiki_page,
    fetch_series_knowledge,
    fetch_wikipedia_page,
    wikipedia_language,
)
from explainer.wiki.model import (
    WikiCharacter,
    WikiFailure,
    WikiFetchReport,
    WikiPage,
    WikiResponseError,
)
from explainer.wiki.namuwiki import (
    find_character_subpage,
    namuwiki_article_url,
    parse_namuwiki_article,
    parse_namuwiki_characters,
)
from explainer.wiki.wikipedia import (
    WikipediaSummary,
    parse_wikipedia_article,
    parse_wikipedia_html,
    parse_wikipedia_summary,
)

__all__ = [
    "WikiCharacter",
    "WikiFailure",
    "WikiFetchReport",
    "WikiPage",
    "WikiResponseError",
    "WikipediaSummary",
    "fetch_namuwiki_page",
    "fetch_series_knowledge",
    "fetch_wikipedia_page",
    "find_character_subpage",
    "namuwiki_article_url",
    "parse_namuwiki_article",
    "parse_namuwiki_characters",
    "parse_wikipedia_article",
    "parse_wikipedia_html",
    "parse_wikipedia_summary",
    "wikipedia_language",
]
