using Pangy.Core.Annotations;
using Pangy.Core.Build;
using Pangy.Core.Stages;
using Pangy.Core.Storage;

namespace Pangy.Pipeline.Tests;

/// <summary>DRB1 built the way <c>pangy add</c> + <c>pangy annotate</c> build it (the same Core calls), once per test class.</summary>
public sealed class ReferenceBuild : IAsyncLifetime
{
    private readonly TempDir _dir = new();

    public string Root => _dir["datastore"];
    public string Drb1Dir => Path.Combine(Root, "graphs", "drb1", "DRB1");
    public string AnnotationsDir => AnnotationCatalog.SetDirectory(Root, TestFiles.Drb1Ref, "drb1");

    public async Task InitializeAsync()
    {
        var store = new LocalDatastore(Root);
        await AddChromosome.RunAsync(store, new AddChromosomeRequest(new ChromosomeKey("drb1", "DRB1"),
            InputFile.FromPath(TestFiles.Drb1Gfa), InputFile.FromPath(TestFiles.Drb1Layout), new ChromosomeBuildOptions { Reference = TestFiles.Drb1Ref }));
        AnnotationCatalog.Add(Root, TestFiles.Drb1Ref, "drb1", TestFiles.Drb1Gff3, replace: false);
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
