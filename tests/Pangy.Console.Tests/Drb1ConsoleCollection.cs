namespace Pangy.Console.Tests;

/// <summary>The test classes that share one <see cref="Drb1Console"/> (one build, one server, one browser).</summary>
[CollectionDefinition(Drb1Console.Collection)]
public sealed class Drb1ConsoleCollection : ICollectionFixture<Drb1Console>;
