using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Pangy.Core.Query;
using Pangy.Http;

namespace Pangy.Cli.Commands;

/// <summary><c>pangy serve</c>: the query API (the handlers the Query Function app serves too) over a local datastore folder.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var dir = Options.Dir();
        var port = new Option<int>("--port") { Description = "TCP port", DefaultValueFactory = _ => 5700 };
        var host = new Option<string>("--host") { Description = "address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var db = new Option<string?>("--db") { Description = "dataset that answers requests without a db parameter (default: the only one, else _default_)" };
        var organism = new Option<string>("--organism")
        {
            Description = "cytoband organism: human-hg38, human-t2t (human-chm13), custom or none",
            DefaultValueFactory = _ => "human-hg38",
        };
        var cytoband = new Option<FileInfo?>("--cytoband") { Description = "with --organism custom: a UCSC cytoBand file" };
        var canonical = new Option<FileInfo?>("--canonical") { Description = "with --organism custom: the canonical chromosome list" };
        var annotations = new Option<string?>("--annotations") { Description = "annotation set to serve (default: the newest of each reference)" };
        var prefix = new Option<string?>("--prefix") { Description = "path prefix for every route (default: none)" };
        var assets = AssetsCommand.Location();
        var cacheMb = new Option<long?>("--cache-mb")
        {
            Description = "memory in MB for the query caches of all chromosomes (default: a quarter of the memory, 64–1024 MB)",
        };

        var command = new Command("serve", "Serve the query API over a datastore (PangyPlot-compatible routes).")
        {
            dir, port, host, db, organism, cytoband, canonical, annotations, prefix, assets, cacheMb,
        };
        command.SetAction(async (parse, ct) =>
        {
            // The server wants server GC (many threads allocating, short pauses); the CLI runs with workstation GC for the
            // builds' memory, and the GC mode is fixed at start, so serve runs itself again with server GC.
            if (ServerGcChild.Needed()) return await ServerGcChild.RunAsync(ct);
            string root = Path.GetFullPath(parse.GetValue(dir)!);
            if (!Directory.Exists(root)) return Cli.Fail($"datastore folder '{root}' does not exist");
            int p = parse.GetValue(port);
            if (p is < 1 or > 65535) return Cli.Fail("--port must be 1–65535");
            if (parse.GetValue(cacheMb) is < 0) return Cli.Fail("--cache-mb must be 0 or more");
            string h = parse.GetValue(host)!;
            string url = string.Create(CultureInfo.InvariantCulture, $"http://{(h.Contains(':') ? $"[{h}]" : h)}:{p}");
            // The host's start-up chatter is left out of the console; warnings and errors still show.
            var app = QueryWebApp.Create(["--urls", url, "--Logging:LogLevel:Default", "Warning"], o =>
            {
                o.Dir = root;
                o.DefaultDataset = parse.GetValue(db);
                o.Organism = parse.GetValue(organism)!;
                o.CytobandPath = parse.GetValue(cytoband)?.FullName;
                o.CanonicalPath = parse.GetValue(canonical)?.FullName;
                o.Annotations = parse.GetValue(annotations);
                o.RoutePrefix = parse.GetValue(prefix) ?? "";
                o.Assets = AssetsCommand.ResolveLocation(parse.GetValue(assets), root);
                o.CacheMegabytes = parse.GetValue(cacheMb) ?? o.CacheMegabytes;
            });
            var server = app.Services.GetService(typeof(QueryServer)) as QueryServer;
            await app.StartAsync(ct);
            PrintExamples(url + QueryServerOptions.NormalizePrefix(parse.GetValue(prefix)), server);
            try { await app.WaitForShutdownAsync(ct); }
            finally { await app.DisposeAsync(); }
            return 0;
        });
        return command;
    }

    private static void PrintExamples(string baseUrl, QueryServer? server)
    {
        Console.WriteLine($"pangy: serving {server?.Datastore.Root} at {baseUrl}  (Ctrl+C to stop)");
        Console.WriteLine($"  {baseUrl}/datasets");
        Console.WriteLine($"  {baseUrl}/openapi.json");
        if (server?.Datastore.DefaultDataset is not { } ds) return;
        var chromosomes = server.Datastore.Chromosomes(ds);
        if (chromosomes.Count == 0) return;
        string chr = chromosomes[0];
        string? reference = server.Datastore.ReferenceOf(ds, chr);
        string e(string s) => Uri.EscapeDataString(s);
        Console.WriteLine($"  {baseUrl}/samples?db={e(ds)}");
        if (reference is null) return;
        string q = $"db={e(ds)}&genome={e(reference)}&chromosome={e(chr)}";
        Console.WriteLine($"  {baseUrl}/pathorder?{q}");
        using var lease = server.Datastore.Open(ds, chr);
        try
        {
            var steps = lease.Reader.Steps;
            if (steps.Length == 0) return;
            long start = steps.Starts[0], end = steps.Ends[steps.Length - 1];
            long mid = start + (end - start) / 2, w = Math.Min(50_000, (end - start) / 2);
            Console.WriteLine($"  {baseUrl}/select?{q}&start={mid - w}&end={mid + w}");
            Console.WriteLine($"  {baseUrl}/path-data?{q}&sample={e(lease.Reader.Paths.Samples.First())}&index=0&start={mid - w}&end={mid + w}");
        }
        catch (QueryException)
        {
            // A chromosome that cannot be served yet prints fewer examples; requests will say why.
        }
    }
}

/// <summary>Runs this same <c>pangy serve</c> command line in a child process with server GC and tiered compilation,
/// forwarding stop signals.</summary>
internal static class ServerGcChild
{
    private const string Marker = "PANGY_SERVE_CHILD";

    /// <summary>True when this process runs with workstation GC and nobody chose a GC mode explicitly.</summary>
    public static bool Needed() =>
        !GCSettings.IsServerGC && Environment.GetEnvironmentVariable(Marker) is null
        && Environment.GetEnvironmentVariable("DOTNET_gcServer") is null && Environment.GetEnvironmentVariable("COMPlus_gcServer") is null
        && Environment.ProcessPath is not null;

    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        string exe = Environment.ProcessPath!;
        var info = new ProcessStartInfo(exe) { UseShellExecute = false };
        var args = Environment.GetCommandLineArgs();
        // Under the dotnet host the first argument is the program's dll, which the host needs again.
        if (Path.GetFileNameWithoutExtension(exe).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) info.ArgumentList.Add(args[0]);
        foreach (var a in args.Skip(1)) info.ArgumentList.Add(a);
        info.Environment["DOTNET_gcServer"] = "1";
        // The project turns tiered compilation off for the batch commands; a server wants its fast start-up (the first
        // answer of a cold instance) and tier-1 code with PGO for the hot routes later. A choice made by the caller stays.
        if (Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") is null && Environment.GetEnvironmentVariable("COMPlus_TieredCompilation") is null)
            info.Environment["DOTNET_TieredCompilation"] = "1";
        info.Environment[Marker] = "1";
        using var child = Process.Start(info) ?? throw new InvalidOperationException($"could not start {exe}");
        using (cancellationToken.Register(() => Stop(child)))
            await child.WaitForExitAsync(CancellationToken.None);
        return child.ExitCode;
    }

    private static void Stop(Process child)
    {
        try
        {
            if (child.HasExited) return;
            // A graceful stop (the host drains requests); where there are no signals, end it.
            if (OperatingSystem.IsWindows()) child.Kill(entireProcessTree: true);
            else _ = Kill(child.Id, 15);
        }
        catch (InvalidOperationException)
        {
            // It ended meanwhile.
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
