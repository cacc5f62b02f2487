"""The functions and procedures a read statement may call, per dialect: allow-lists, not deny-lists.

LadybugDB's list is every scalar, aggregate and rewrite function ``CALL show_functions()`` reports
for LadybugDB 0.22, minus those that change session or database state (sequences, the random
seed). Table functions are not functions a statement may call: they read files (``read_csv``,
``read_parquet`` …), project graphs or report on the server's storage; only the catalogue reads
of :data:`PROCEDURES` may be ``CALL``ed. Neo4j's list is its built-in functions (``SHOW
FUNCTIONS`` of Neo4j 5.26) and the ``db.*`` schema procedures. A test checks both lists against
the engines, so that a new engine version cannot add a callable name unnoticed.
"""

from __future__ import annotations

from graph.stores.base import Dialect

_LADYBUG_FUNCTIONS = """
abs acos all any array_append array_cat array_concat array_contains array_cosine_similarity
array_cross_product array_distance array_dot_product array_extract array_has array_indexof
array_inner_product array_position array_prepend array_push_back array_push_front array_slice
array_squared_distance array_value asin atan atan2 avg bitshift_left bitshift_right bitwise_and
bitwise_or bitwise_xor blob cardinality cast cbrt ceil ceiling century coalesce collect concat
concat_ws constant_or_null contains cos cost cot count count_if count_star current_date
current_timestamp date datepart datetrunc date_part date_trunc dayname decode degrees duration
element_at encode ends_with end_node epoch_ms equals error even factorial floor gamma
gen_random_uuid greater_than greater_than_equals greatest hash histogram id ifnull initcap interval
is_acyclic is_trail keys label labels last_day lcase least left length less_than
less_than_equals levenshtein lgamma list_any_value list_append list_cat list_concat list_contains
list_creation list_distinct list_element list_extract list_filter list_has list_has_all
list_has_any list_indexof list_max list_min list_position list_prepend list_product list_reduce
list_reverse list_reverse_sort list_slice list_sort list_sum list_to_string list_transform
list_unique ln log log10 log2 lower lpad ltrim make_date map map_extract map_keys map_values max
md5 min monthname negate nodes not_equals nullif octet_length offset percentilecont
percentiledisc pi pow prefix properties radians random range regexp_extract regexp_extract_all
regexp_full_match regexp_matches regexp_replace regexp_split_to_array relationships rels repeat
replace reverse right round rowid rpad rtrim sha256 sign sin single size split_part sqrt
starts_with start_node string string_split string_to_array struct_extract struct_pack str_split
substr substring suffix sum tan timestamp time_bucket tolower toupper to_blob to_bool to_date
to_days to_double to_epoch_ms to_float to_hours to_int128 to_int16 to_int32 to_int64 to_int8
to_interval to_microseconds to_milliseconds to_minutes to_months to_seconds to_serial to_string
to_timestamp to_uint128 to_uint16 to_uint32 to_uint64 to_uint8 to_uuid to_years trim typeof ucase
union_extract union_tag union_value upper uuid internal_id none
"""

LADYBUG_REFUSED_FUNCTIONS = frozenset({"nextval", "currval", "setseed"})
"""Reported by LadybugDB, refused on purpose: they read or change sequences and the random seed."""

_NEO4J_FUNCTIONS = """
abs acos all any asin atan atan2 avg btrim ceil char_length character_length coalesce collect cos
cosh cot coth count date date.realtime date.statement date.transaction date.truncate datetime
datetime.fromepoch datetime.fromepochmillis datetime.realtime datetime.statement
datetime.transaction datetime.truncate db.nameFromElementId degrees duration duration.between
duration.inDays duration.inMonths duration.inSeconds e elementId endNode exists exp floor
graph.byElementId graph.byName graph.names graph.propertiesByName haversin head id isEmpty isNaN
isNormalized keys labels last left length localdatetime localdatetime.realtime
localdatetime.statement localdatetime.transaction localdatetime.truncate localtime
localtime.realtime localtime.statement localtime.transaction localtime.truncate log log10 lower
ltrim max min nodes none normalize nullIf percentileCont percentileDisc pi point point.distance
point.withinBBox properties radians rand randomUUID range relationships replace reverse right round
rtrim sign sin single sinh size split sqrt startNode stDev stDevP substring sum tail tan tanh time
time.realtime time.statement time.transaction time.truncate toBoolean toBooleanList
toBooleanOrNull toFloat toFloatList toFloatOrNull toInteger toIntegerList toIntegerOrNull toLower
toString toStringList toStringOrNull toUpper trim type upper valueType vector.similarity.cosine
vector.similarity.euclidean
"""

FUNCTIONS: dict[Dialect, frozenset[str]] = {
    "ladybug": frozenset(_LADYBUG_FUNCTIONS.split()),
    "neo4j": frozenset(name.lower() for name in _NEO4J_FUNCTIONS.split()),
}
"""Callable function names per dialect, lower-cased (both engines ignore the case of function names)."""

PROCEDURES: dict[Dialect, frozenset[str]] = {
    "ladybug": frozenset({"show_tables", "table_info", "show_functions", "show_indexes",
                          "show_sequences", "show_macros", "show_graphs", "show_connection",
                          "show_warnings", "db_version", "storage_version", "catalog_version"}),
    "neo4j": frozenset({"db.labels", "db.relationshipTypes", "db.propertyKeys",
                        "db.schema.visualization", "db.schema.nodeTypeProperties",
                        "db.schema.relTypeProperties"}),
}
"""Catalogue reads a statement may ``CALL``: LadybugDB's ignore case, Neo4j's are exact."""


def allowed_function(name: str, dialect: Dialect) -> bool:
    """Whether ``name`` is a function a read statement may call in ``dialect``."""
    return name.lower() in FUNCTIONS[dialect]


def allowed_procedure(name: str, dialect: Dialect) -> str | None:
    """The procedure's canonical spelling if a read statement may ``CALL`` it, else None."""
    if dialect == "ladybug":
        return name.lower() if name.lower() in PROCEDURES["ladybug"] else None
    return name if name in PROCEDURES["neo4j"] else None
