from __future__ import annotations

import strawberry

from api.graphql.types.as_of import AsOfPosition
from graph.repositories import explorer


@strawberry.type(description="Where the viewer first met an entity.")
class Appearance:
    video_id: str
    ordinal: int
    at: float


@strawberry.type(description="An entity as the viewer knows it at the position: only the aliases heard and the "
                             "description of episodes watched by then; importance and community computed on the "
                             "bounded graph.")
class NetworkNode:
    id: strawberry.ID
    name: str
    aliases: list[str]
    type: str
    description: str | None
    mention_count: int
    importance: float = strawberry.field(description="PageRank on the bounded graph, the top entity at 1.0.")
    community: int
    first_appearance: Appearance

    @classmethod
    def from_node(cls, node: explorer.NetworkNode) -> NetworkNode:
        return cls(id=strawberry.ID(node.id), name=node.name, aliases=node.aliases, type=node.type,
                   description=node.description, mention_count=node.mentions, importance=node.importance,
                   community=node.community,
                   first_appearance=Appearance(video_id=node.first_video_id, ordinal=node.first_ordinal,
                                               at=node.first_at))


@strawberry.type(description="A relation known at the position: a typed one from analysis, or co-appearance "
                             "counted up to the position.")
class NetworkEdge:
    source: strawberry.ID
    target: strawberry.ID
    type: str
    strength: float


@strawberry.type(description="The entities met by the position and how they relate.")
class EntityNetwork:
    as_of: AsOfPosition | None
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]

    @classmethod
    def build(cls, network: explorer.Network, position: AsOfPosition | None) -> EntityNetwork:
        return cls(as_of=position, nodes=[NetworkNode.from_node(n) for n in network.nodes],
                   edges=[NetworkEdge(source=strawberry.ID(e.source), target=strawberry.ID(e.target), type=e.type,
                                      strength=e.strength) for e in network.edges])
