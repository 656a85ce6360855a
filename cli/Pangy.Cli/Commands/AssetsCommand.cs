using System.CommandLine;
using System.Globalization;
using Pangy.Azure.Assets;
using Pangy.Core.Assets;
using Pangy.Core.Formats.TwoBit;

namespace Pangy.Cli.Commands;

/// <summary><c>pangy assets list|get|upload|twobit</c>: the genome asset bucket and its local cache (docs/assets.md).</summary>
internal static class AssetsCommand
{
    public static Command Create()
    {
        var command = new Command("assets", "Genome assets (.2bit, chrom.sizes, chromAlias.txt, annotation sets): list, fetch, publish, convert.");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Get());
        command.Subcommands.Add(Upload());
        command.Subcommands.Add(TwoBit());
        return command;
    }

    /// <summary>The bucket: a folder, an Azure container (URL, or connection string with Container=), or an HTTPS base URL.</summary>
    public static Option<string?> Location() => new("--assets")
    {
        Description = "asset bucket: a folder, an Azure Blob container URL, a connection string (Container=NAME), or an HTTPS base URL " +
                      "(default: $PANGY_ASSETS, else DIR/assets)",
    };

    private static Option<string?> Cache() => new("--cache")
    {
        Description = $"local cache folder (default: ${AssetManager.CacheVariable}, else the user's data folder; a folder bucket is its own cache)",
    };

    /// <summary>The bucket location a verb uses: the option, else <c>$PANGY_ASSETS</c>, else <c>DIR/assets</c>.</summary>
    public static string ResolveLocation(string? option, string dir) =>
        !string.IsNullOrEmpty(option) ? option
        : Environment.GetEnvironmentVariable("PANGY_ASSETS") is { Length: > 0 } env ? env
        : Path.Combine(Path.GetFullPath(dir), "assets");

    private static AssetManager Manager(ParseResult parse, Option<string?> location, Option<string?> cache, Option<string> dir) =>
        AssetBuckets.OpenManager(ResolveLocation(parse.GetValue(location), parse.GetValue(dir)!), parse.GetValue(cache),
            Environment.GetEnvironmentVariable("PANGY_ASSETS_CONTAINER"));

    private static Command List()
    {
        var (location, cache, dir) = (Location(), Cache(), Options.Dir());
        var command = new Command("list", "List the files the bucket offers and which are cached (works offline: cached files only).") { location, cache, dir };
        command.SetAction((parse, ct) => Run(async () =>
        {
            var manager = Manager(parse, location, cache, dir);
            var listing = await manager.ListAsync(ct);
            foreach (var f in listing.Files)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{f.Name}\t{f.Size}\t{(f.Cached ? "cached" : "-")}\t{(f.InBucket ? "bucket" : "local only")}\t{f.Sha256 ?? "-"}"));
            if (listing.BucketError is { } error) Console.Error.WriteLine($"pangy: warning: {error}; listed the cache only");
            return 0;
        }));
        return command;
    }

    private static Command Get()
    {
        var (location, cache, dir) = (Location(), Cache(), Options.Dir());
        var names = new Argument<string[]>("NAME") { Description = "asset names, e.g. hg38.p12.2bit", Arity = ArgumentArity.OneOrMore };
        var refresh = new Option<bool>("--refresh") { Description = "download again even when cached" };
        var command = new Command("get", "Fetch assets into the cache (once, verified against the manifest) and print their local paths.")
        {
            names, location, cache, dir, refresh,
        };
        command.SetAction((parse, ct) => Run(async () =>
        {
            var manager = Manager(parse, location, cache, dir);
            foreach (var name in parse.GetValue(names)!)
            {
                var progress = new TransferProgress();
                string path = await manager.GetFileAsync(name, progress, parse.GetValue(refresh), ct);
                progress.Finish();
                Console.WriteLine(path);
            }
            return 0;
        }));
        return command;
    }

    private static Command Upload()
    {
        var (location, cache, dir) = (Location(), Cache(), Options.Dir());
        var file = new Argument<FileInfo>("FILE") { Description = "the file to publish" };
        var name = new Option<string?>("--name") { Description = "its name in the bucket (default: the file's name)" };
        var overwrite = new Option<bool>("--overwrite") { Description = "replace a different file of the same name" };
        var command = new Command("upload", "Publish a file to the bucket and record its SHA-256 in manifest.json.")
        {
            file, name, location, cache, dir, overwrite,
        };
        command.SetAction((parse, ct) => Run(async () =>
        {
            var f = parse.GetValue(file)!;
            if (!f.Exists) return Cli.Fail($"'{f.FullName}' does not exist");
            var manager = Manager(parse, location, cache, dir);
            string n = parse.GetValue(name) ?? f.Name;
            var progress = new TransferProgress();
            bool uploaded = await manager.UploadAsync(f.FullName, n, parse.GetValue(overwrite), progress, ct);
            progress.Finish();
            Console.WriteLine(uploaded ? $"{n}: uploaded to {manager.Bucket.Location}" : $"{n}: already in {manager.Bucket.Location} (same SHA-256), nothing to do");
            return 0;
        }));
        return command;
    }

    private static Command TwoBit()
    {
        var fasta = new Argument<FileInfo>("FASTA") { Description = "FASTA, plain or gzip" };
        var output = new Argument<FileInfo>("OUT") { Description = "the .2bit to write" };
        var longOffsets = new Option<bool>("--long") { Description = "version 1 (64-bit offsets), as faToTwoBit -long" };
        var command = new Command("twobit", "Convert a FASTA into a .2bit (N runs and lower case kept), like faToTwoBit.") { fasta, output, longOffsets };
        command.SetAction(parse =>
        {
            var input = parse.GetValue(fasta)!;
            if (!input.Exists) return Cli.Fail($"'{input.FullName}' does not exist");
            long total = input.Length;
            var progress = new TransferProgress();
            var result = FastaToTwoBit.Run(input.FullName, parse.GetValue(output)!.FullName,
                new TwoBitWriterOptions { Version = parse.GetValue(longOffsets) ? 1u : null },
                new Progress<long>(done => progress.Report(new AssetTransferProgress(input.Name, done, total))));
            progress.Finish();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Sequences} sequences, {result.Bases} bases"));
            if (result.AmbiguousBasesStoredAsN > 0)
                Console.Error.WriteLine($"pangy: warning: {result.AmbiguousBasesStoredAsN} IUPAC letters other than N were stored as N (2bit has no other codes)");
            return 0;
        });
        return command;
    }

    /// <summary>Asset errors end the verb with their message (not found and unreachable say which they are).</summary>
    private static async Task<int> Run(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (AssetException e)
        {
            return Cli.Fail(e.Message, Cli.BadInput);
        }
        catch (NotSupportedException e)
        {
            return Cli.Fail(e.Message, Cli.BadInput);
        }
    }
}
