using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pangy.Azure;

// The Skeleton Function app (isolated worker): queue-triggered functions over the pipeline handlers of Pangy.Core. The
// storage clients are made from the PangyStorage settings and PANGY_DATASTORE names the mounted datastore share.
var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddSingleton(sp =>
{
    var configuration = sp.GetRequiredService<IConfiguration>();
    return AzurePipeline.FromSettings(key => configuration[key]).Context();
});
builder.Build().Run();
