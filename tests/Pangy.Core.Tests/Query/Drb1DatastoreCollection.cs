namespace Pangy.Core.Tests.Query;

/// <summary>The test classes that share one <see cref="Drb1DatastoreFixture"/> (built once, read only).</summary>
[CollectionDefinition(Name)]
public sealed class Drb1DatastoreCollection : ICollectionFixture<Drb1DatastoreFixture>
{
    public const string Name = "DRB1 datastore";
}
