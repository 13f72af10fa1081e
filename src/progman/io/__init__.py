"""Reading and writing programme definitions, and where things came from.

* `yaml`: `load`, `loads`, `DefinitionError`, `check_path` (the public entry points)
* `loader`: the two readers (yaml-rs fast path, careful path) and includes
* `compose`: the careful reader, YAML events -> data with a position for every node
* `scalars`: the YAML 1.2 core schema both readers follow
* `errors`: pydantic errors -> located, readable findings
* `locations`: the source map kept beside each loaded programme
* `save`, `patch` and `layout`: `dump`, keeping comments and layout
* `atomic`: `write_atomic`, through which every file progman writes goes
* `schema` and `reference`: the JSON Schema and the key-by-key reference
"""
