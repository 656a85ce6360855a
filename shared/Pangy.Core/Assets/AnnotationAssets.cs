using System.Globalization;
using System.Text.RegularExpressions;
using Pangy.Core.Annotations;

namespace Pangy.Core.Assets;

/// <summary>
/// Annotation databases in the asset bucket, versioned as GenomeKit versions its <c>.dganno</c>: set <c>S</c> is
/// published as <c>S.v{N}.annotations.db</c> and <c>S.v{N}.quickindex.json.gz</c>, N being
/// <see cref="AnnotationSchema.FormatVersion"/>, next to the GFF3 it came from (<c>S.gff3</c> or <c>S.gff3.gz</c>) and
/// its <c>S.cfg</c>. Asked for a set, the data manager fetches the version this code reads; when the bucket has no such
/// version it rebuilds the database from the GFF3 (and publishes it, when the bucket is writable); with no GFF3 either it
/// says what to run. A version it does not know is never read.
/// </summary>
public static partial class AnnotationAssets
{
    private const string DbSuffix = ".annotations.db";
    private const string QuickSuffix = ".quickindex.json.gz";

    public static string Database(string set, int version = AnnotationSchema.FormatVersion) =>
        string.Create(CultureInfo.InvariantCulture, $"{set}.v{version}{DbSuffix}");

    public static string QuickIndex(string set, int version = AnnotationSchema.FormatVersion) =>
        string.Create(CultureInfo.InvariantCulture, $"{set}.v{version}{QuickSuffix}");

    /// <summary>The GFF3 names a set may be published under, in the order they are tried.</summary>
    public static IReadOnlyList<string> Gff3(string set) => [set + ".gff3", set + ".gff3.gz"];

    /// <summary>
    /// A local folder holding set <paramref name="set"/>'s <c>annotations.db</c> and quick index in the current format
    /// (open it with <see cref="AnnotationIndex.Open"/>), fetched or rebuilt as the class summary says.
    /// </summary>
    /// <exception cref="AssetNotFoundException">Neither the current version nor a GFF3 is in the bucket (the message says what exists and what to run).</exception>
    public static async Task<AnnotationSetAsset> GetAsync(AssetManager assets, string set, CancellationToken cancellationToken = default)
    {
        AssetNames.Check(Database(set));
        string folder = Path.Combine(assets.CacheDirectory, ".pangy", "annotations", Database(set));
        try
        {
            string db = await assets.GetFileAsync(Database(set), cancellationToken: cancellationToken);
            string quick = await assets.GetFileAsync(QuickIndex(set), cancellationToken: cancellationToken);
            Link(folder, db, quick);
            return new AnnotationSetAsset(set, folder, Rebuilt: false);
        }
        catch (AssetNotFoundException)
        {
            // Not in this version: rebuild below.
        }
        string? gff3 = null;
        foreach (var name in Gff3(set))
        {
            try
            {
                gff3 = await assets.GetFileAsync(name, cancellationToken: cancellationToken);
                break;
            }
            catch (AssetNotFoundException)
            {
            }
        }
        if (gff3 is null) throw new AssetNotFoundException(Database(set), assets.Bucket.Location, await ExplainAsync(assets, set, cancellationToken));

        string build = Path.Combine(assets.CacheDirectory, ".pangy", "annotations", $"{Database(set)}.{Environment.ProcessId}.{Guid.NewGuid():N}.build");
        try
        {
            AnnotationImport.Run(gff3, build, cancellationToken);
            string db = Path.Combine(build, AnnotationSchema.DatabaseFileName), quick = Path.Combine(build, AnnotationSchema.QuickIndexFileName);
            if (assets.Bucket.CanWrite)
            {
                // Published like any asset (checksummed in the manifest); another builder's identical result is no conflict.
                await assets.UploadAsync(db, Database(set), overwrite: false, cancellationToken: cancellationToken);
                await assets.UploadAsync(quick, QuickIndex(set), overwrite: false, cancellationToken: cancellationToken);
            }
            // Into the cache under the published names, so the next call finds them locally.
            MoveIntoCache(assets, db, Database(set));
            MoveIntoCache(assets, quick, QuickIndex(set));
            Link(folder, Path.Combine(assets.CacheDirectory, Database(set)), Path.Combine(assets.CacheDirectory, QuickIndex(set)));
            return new AnnotationSetAsset(set, folder, Rebuilt: true);
        }
        finally
        {
            if (Directory.Exists(build)) Directory.Delete(build, recursive: true);
        }
    }

    private static void MoveIntoCache(AssetManager assets, string file, string name)
    {
        string target = Path.Combine(assets.CacheDirectory, name);
        if (!File.Exists(target)) File.Move(file, target);
    }

    // AnnotationIndex opens a folder with fixed file names: a folder of links (copies where links are not allowed).
    private static void Link(string folder, string db, string quick)
    {
        if (File.Exists(Path.Combine(folder, AnnotationSchema.QuickIndexFileName))) return;
        string temp = folder + $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        Directory.CreateDirectory(temp);
        foreach (var (source, name) in new[] { (db, AnnotationSchema.DatabaseFileName), (quick, AnnotationSchema.QuickIndexFileName) })
        {
            try { File.CreateSymbolicLink(Path.Combine(temp, name), source); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { File.Copy(source, Path.Combine(temp, name)); }
        }
        try { Directory.Move(temp, folder); }
        catch (IOException) when (Directory.Exists(folder)) { Directory.Delete(temp, recursive: true); }
    }

    private static async Task<string> ExplainAsync(AssetManager assets, string set, CancellationToken cancellationToken)
    {
        var listing = await assets.ListAsync(cancellationToken);
        var versions = listing.Files.Select(f => Versioned().Match(f.Name)).Where(m => m.Success && m.Groups[1].Value == set)
            .Select(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).Distinct().Order().ToList();
        string have = versions.Count == 0 ? "no database of any format version"
            : "only format version(s) " + string.Join(", ", versions.Select(v => "v" + v)) + $" ({(versions.Max() > AnnotationSchema.FormatVersion ? "built by a newer Pangy" : "older")})";
        return $"{assets.Bucket.Location}: annotation set '{set}' has {have}; this Pangy reads v{AnnotationSchema.FormatVersion} and there is no " +
               $"{set}.gff3 to rebuild it from. Publish the GFF3 (`pangy assets upload {set}.gff3`) and ask again, or build it yourself " +
               $"(`pangy annotate`) and upload {Database(set)}";
    }

    [GeneratedRegex(@"^(.+)\.v(\d+)\.annotations\.db$")]
    private static partial Regex Versioned();
}
