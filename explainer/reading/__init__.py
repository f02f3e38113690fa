"""Reading the dialogue, once, for analysis and explain: mentions and who they refer to.

`mentions` finds the entity mentions of a line (names, titles, places, things) and `registry`
gathers them into entities; `person_mentions`, `gender`, `calibration` and `resolver` resolve who a
person mention refers to (one resolver, used by the offline analysis and by explain);
`references` runs that resolver over an analysis batch; `expressions` finds the referring
expressions of a selected line (그 사람, 거기, 그때, that); `analysis` reads a batch into the
shapes of `models` (`explainer.llm.offline.OfflineProvider` is its thin adapter). `names` is the
one name matcher; `lang` holds what differs between Korean and English behind one interface.
"""
