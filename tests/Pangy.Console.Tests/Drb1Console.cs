namespace Pangy.Console.Tests;

/// <summary>One DRB1-3123 datastore (dataset <c>drb1</c>), its server and a browser, shared by the console tests.</summary>
public sealed class Drb1Console : IAsyncLifetime
{
    public const string Dataset = "drb1";
    public const string Collection = "drb1 console";

    private ConsoleServer? _server;

    public string Root { get; } = Directory.CreateTempSubdirectory("pangy-console").FullName;
    public ConsoleServer Server => _server!;
    public Browser Browser { get; } = new();

    public async Task InitializeAsync()
    {
        await ConsoleServer.BuildDrb1Async(Root, Dataset);
        _server = await ConsoleServer.StartAsync(Root, Dataset);
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
