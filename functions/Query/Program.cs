// The Query Function app: the reference-compatible routes as HTTP functions (isolated worker with ASP.NET Core
// integration) over the handlers of Pangy.Http. Settings: PANGY_DATASTORE (the datastore root: the share's mount
// path in Azure, a folder locally), and the Pangy__* options of QueryServerOptions (Pangy__DefaultDataset,
// Pangy__Organism, Pangy__Annotations, Pangy__CacheDir, ...).
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Pangy.Functions.Query;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// Registered after the ASP.NET Core integration's own middleware, so it runs inside it: a handler's exception
// becomes the JSON error answer, which that middleware then writes.
builder.UseMiddleware<JsonErrorMiddleware>();
builder.Services.AddQueryServer();
builder.Build().Run();
