// The Ingest Function app (a custom handler). Its work arrives in a later issue; it already builds and serves a health probe.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/health", () => Results.Ok(new { app = "Ingest", status = "ok" }));
app.Run();
