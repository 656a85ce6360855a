using Pangy.Testing;

namespace Pangy.Pipeline.Tests;

/// <summary>One Azurite for every test class that needs one (it starts in a second or two, but not for free).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteServer>
{
    public const string Name = "azurite";
}
