// The Query app: PangyPlot-compatible HTTP routes over a Pangy datastore (see QueryApp). Configure with
// Pangy__Dir, Pangy__DefaultDataset, Pangy__Organism, Pangy__Annotations, Pangy__RoutePrefix (or appsettings.json).
Pangy.Functions.Query.QueryApp.Create(args).Run();
