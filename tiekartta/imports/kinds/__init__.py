"""The kinds of import. Each kind is an `Importer` (see `tiekartta.imports.registry`) that says
how its file is read (`plan`) and saved (`apply`); the pipeline does the rest. The kinds here
save into apps below the imports app (roadmap tasks, metric values); an app above it declares
its kind in its own code and registers it from its AppConfig.ready()."""
