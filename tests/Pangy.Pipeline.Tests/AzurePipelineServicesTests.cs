using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pangy.Azure;
using Pangy.Core.Pipeline;
using Pangy.Testing;

namespace Pangy.Pipeline.Tests;

/// <summary>The registration the Ingest and Skeleton apps' Program.cs make: one pipeline context from the app settings.</summary>
public class AzurePipelineServicesTests
{
    [Fact]
    public void The_context_is_made_once_from_the_storage_and_datastore_settings()
    {
        using var dir = new TempDir();
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [PipelineNames.Connection] = "UseDevelopmentStorage=true",
            [PipelineNames.DatastoreSetting] = dir["datastore"],
        }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(settings).AddAzurePipelineContext().BuildServiceProvider();
        var context = services.GetRequiredService<PipelineContext>();
        Assert.Equal(dir["datastore"], context.Datastore.Root);
        Assert.Same(context, services.GetRequiredService<PipelineContext>());
    }

    [Fact]
    public void Without_a_datastore_setting_resolving_the_context_says_which_setting_is_missing()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [PipelineNames.Connection] = "UseDevelopmentStorage=true",
        }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(settings).AddAzurePipelineContext().BuildServiceProvider();
        var e = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<PipelineContext>());
        Assert.Contains(PipelineNames.DatastoreSetting, e.Message, StringComparison.Ordinal);
    }
}
