using Pangy.Core.Annotations;
using Pangy.Core.Build;
using Pangy.Core.Stages;
using Pangy.Core.Storage;

namespace Pangy.Core.Tests.Query;

/// <summary>
/// A real local datastore: DRB1-3123 added by the whole pipeline (<see cref="AddChromosome"/>) as <c>drb1/DRB1</c>, and
/// the DRB1 GFF3 as annotation set <c>genes</c> of the reference. Built once per test class.
/// </summary>
public sealed class Drb1DatastoreFixture : IDisposable
{
    private readonly TempDir _tmp = new();

    public Drb1DatastoreFixture()
    {
        Root = _tmp["store"];
        Store = new LocalDatastore(Root);
        AddChromosome.RunAsync(Store, new AddChromosomeRequest(new ChromosomeKey("drb1", "DRB1"),
            InputFile.FromPath(TestData.Drb1Gfa), InputFile.FromPath(TestData.Drb1Layout),
            new ChromosomeBuildOptions { Reference = TestData.Drb1Ref })).GetAwaiter().GetResult();
        AnnotationCatalog.Add(Root, TestData.Drb1Ref, "genes", TestData.Path("drb1", "drb1_annotations.gff3"), replace: false);
    }

    public string Root { get; }
    public LocalDatastore Store { get; }

    public void Dispose() => _tmp.Dispose();
}
