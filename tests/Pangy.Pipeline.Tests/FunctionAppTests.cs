using System.Text.Json;
using Pangy.Core.Pipeline;
using Pangy.Testing;

namespace Pangy.Pipeline.Tests;

/// <summary>What the Functions host will read from each app's build output: the functions, their triggers, and host.json.</summary>
public class FunctionAppTests
{
    public static TheoryData<string, string, string, string> Functions => new()
    {
        { "Ingest", "OnUpload", PipelineNames.UploadsQueue, "OnUploadFunction" },
        { "Ingest", "BuildChromosome", PipelineNames.BuildsQueue, "BuildChromosomeFunction" },
        { "Ingest", "BuildAnnotations", PipelineNames.AnnotationsQueue, "BuildAnnotationsFunction" },
        { "Skeleton", "BuildSkeleton", PipelineNames.SkeletonsQueue, "BuildSkeletonFunction" },
    };

    private static string Output(string app) => RepoPaths.Of("functions", app, "bin", "Release", "net10.0");

    [Theory]
    [MemberData(nameof(Functions))]
    public void Each_function_is_a_queue_trigger_on_its_contract_queue_and_connection(string app, string name, string queue, string type)
    {
        var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output(app), "functions.metadata"))).RootElement;
        var function = metadata.EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);
        Assert.Equal($"Pangy.Functions.{app}.Functions.{type}.Run", function.GetProperty("entryPoint").GetString());
        Assert.Equal("dotnet-isolated", function.GetProperty("language").GetString());
        var trigger = Assert.Single(function.GetProperty("bindings").EnumerateArray());
        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(queue, trigger.GetProperty("queueName").GetString());
        Assert.Equal(PipelineNames.Connection, trigger.GetProperty("connection").GetString());
    }

    [Theory]
    [InlineData("Ingest", 3)]
    [InlineData("Skeleton", 1)]
    public void Each_app_is_a_complete_isolated_worker_build_with_the_queue_settings_the_handlers_assume(string app, int functions)
    {
        string output = Output(app);
        Assert.Equal(functions, JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "functions.metadata"))).RootElement.GetArrayLength());
        Assert.True(File.Exists(Path.Combine(output, "worker.config.json")));
        Assert.True(File.Exists(Path.Combine(output, ".azurefunctions", "Microsoft.Azure.WebJobs.Extensions.Storage.Queues.dll")));
        var queues = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "host.json"))).RootElement.GetProperty("extensions").GetProperty("queues");
        // The handlers record `failed` on the attempt the host counts as the last one; base64 is what Event Grid writes.
        Assert.Equal(PipelineNames.MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal(new PipelineOptions().MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
        Assert.Equal("base64", queues.GetProperty("messageEncoding").GetString());
        Assert.Equal(1, queues.GetProperty("batchSize").GetInt32());
        Assert.Equal(0, queues.GetProperty("newBatchThreshold").GetInt32());
    }
}
