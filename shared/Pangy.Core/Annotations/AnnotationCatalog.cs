using Pangy.Core.Datastore;
using Pangy.Core.Storage;

namespace Pangy.Core.Annotations;

/// <summary>
/// The annotation sets of a local datastore: <c>{root}/annotations/{ref}/{name}/annotations.db</c> (plus the quick
/// index). Adding one builds it in <c>{root}/.pangy/staging/</c> and renames it into place (on Linux an atomic exchange
/// with an earlier set of the same name), so a failed import leaves any earlier set as it was. Set names are checked with
/// <see cref="DatastoreNames"/> before any file is touched; a reference name is escaped into a safe folder name
/// (<see cref="FileNames.Escape"/>, decision 1: never refused), so DRB1's <c>gi|568815592</c> works.
/// </summary>
public static class AnnotationCatalog
{
    /// <summary>The directory of set <paramref name="name"/> of <paramref name="reference"/> (whether or not it exists).</summary>
    /// <exception cref="ArgumentException">A name is not allowed.</exception>
    public static string SetDirectory(string datastoreRoot, string reference, string name)
    {
        ArgumentNullException.ThrowIfNull(datastoreRoot);
        DatastoreNames.Check(name, "annotation set");
        ReferenceFolder(reference);
        return new DatastoreLayout(datastoreRoot).AnnotationSet(reference, name).Directory;
    }

    /// <summary>The folder name of a reference: escaped, never refused (any non-empty name works).</summary>
    /// <exception cref="ArgumentException">The name is empty or absurdly long.</exception>
    public static string ReferenceFolder(string reference)
    {
        if (string.IsNullOrEmpty(reference) || reference.Length > 200)
            throw new ArgumentException($"reference name '{reference}' must have 1 to 200 characters");
        return FileNames.Escape(reference);
    }

    /// <summary>True when set <paramref name="name"/> of <paramref name="reference"/> has been added.</summary>
    public static bool Exists(string datastoreRoot, string reference, string name) =>
        File.Exists(Path.Combine(SetDirectory(datastoreRoot, reference, name), AnnotationSchema.DatabaseFileName));

    /// <summary>
    /// The annotation sets of <paramref name="reference"/>, newest first (directory modification time, then name), as the
    /// reference's <c>run</c> picks one. Only folders with a valid name that hold an <c>annotations.db</c> count.
    /// An unknown or invalid reference gives an empty list.
    /// </summary>
    public static IReadOnlyList<string> Names(string datastoreRoot, string reference)
    {
        ArgumentNullException.ThrowIfNull(datastoreRoot);
        if (string.IsNullOrEmpty(reference)) return [];
        ReferenceFolder(reference);
        var refDir = new DirectoryInfo(new DatastoreLayout(datastoreRoot).ReferenceAnnotationsDirectory(reference));
        if (!refDir.Exists) return [];
        return refDir.EnumerateDirectories()
            .Where(d => DatastoreNames.IsValid(d.Name) && File.Exists(Path.Combine(d.FullName, AnnotationSchema.DatabaseFileName)))
            .OrderByDescending(d => d.LastWriteTimeUtc)
            .ThenBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => d.Name)
            .ToArray();
    }

    /// <summary>
    /// The directory of the annotation set to serve for <paramref name="reference"/>: set <paramref name="name"/> when
    /// given, else the newest (§8.1). Null when there is none, or when a name is not a valid datastore name (nothing
    /// outside the datastore is ever looked at).
    /// </summary>
    public static string? Find(string datastoreRoot, string reference, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(datastoreRoot);
        if (string.IsNullOrEmpty(reference)) return null;
        if (name is null)
        {
            var names = Names(datastoreRoot, reference);
            if (names.Count == 0) return null;
            name = names[0];
        }
        if (!DatastoreNames.IsValid(name)) return null;
        string dir = SetDirectory(datastoreRoot, reference, name);
        return File.Exists(Path.Combine(dir, AnnotationSchema.DatabaseFileName)) ? dir : null;
    }

    /// <summary>Opens the set <see cref="Find"/> picks; null when there is none.</summary>
    public static AnnotationIndex? Open(string datastoreRoot, string reference, string? name = null) =>
        Find(datastoreRoot, reference, name) is { } dir ? AnnotationIndex.Open(dir) : null;

    /// <summary>
    /// Imports <paramref name="gff3Path"/> as set <paramref name="name"/> of <paramref name="reference"/>
    /// (<c>pangy annotate</c>). Without <paramref name="replace"/> an existing set is an error, checked before any work.
    /// </summary>
    /// <exception cref="ArgumentException">A name is not allowed.</exception>
    /// <exception cref="AnnotationSetExistsException">The set exists and <paramref name="replace"/> is false.</exception>
    /// <exception cref="Formats.BadInputException">The GFF3 cannot be used.</exception>
    public static AnnotationSetResult Add(string datastoreRoot, string reference, string name, string gff3Path, bool replace,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gff3Path);
        if (!replace && Directory.Exists(SetDirectory(datastoreRoot, reference, name))) throw new AnnotationSetExistsException(reference, name);
        using var fs = new FileStream(gff3Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Add(datastoreRoot, reference, name, fs, gff3Path, replace, cancellationToken);
    }

    /// <summary>
    /// Imports GFF3 text from <paramref name="gff3"/> (plain or gzip; left open), named <paramref name="fileName"/> in
    /// errors, as set <paramref name="name"/> of <paramref name="reference"/>: staged privately, published in one rename.
    /// </summary>
    public static AnnotationSetResult Add(string datastoreRoot, string reference, string name, Stream gff3, string fileName, bool replace,
        CancellationToken cancellationToken = default)
    {
        string target = SetDirectory(datastoreRoot, reference, name);
        if (!replace && Directory.Exists(target)) throw new AnnotationSetExistsException(reference, name);
        string staging = Path.Combine(new DatastoreLayout(datastoreRoot).StagingDirectory,
            $"annotations.{ReferenceFolder(reference)}.{name}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var result = AnnotationImport.Run(gff3, fileName, staging, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            if (!DirectoryPublisher.Publish(staging, target, replace)) throw new AnnotationSetExistsException(reference, name);
            return new AnnotationSetResult(reference, name, target, result);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                try { Directory.Delete(staging, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }
}
