using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Pangy.Azure;

// The Ingest Function app (isolated worker): queue-triggered functions over the pipeline handlers of Pangy.Core.
var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddAzurePipelineContext();
builder.Build().Run();
