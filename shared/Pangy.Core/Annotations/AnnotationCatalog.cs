using System.Runtime.InteropServices;
using Pangy.Core.Storage;

namespace Pangy.Core.Annotations;

/// <summary>
/// The annotation sets of a local datastore: <c>{root}/annotations/{ref}/{name}/annotations.db</c> (plus the quick
/// index). Adding one builds it in <c>{root}/.pangy/staging/</c> and renames it into place (on Linux an atomic exchange
/// with an earlier set of the same name), so a failed import leaves any earlier set as it was. Reference and set names
/// are checked with <see cref="DatastoreNames"/> before any file is touched.
/// </summary>
public static class AnnotationCatalog
{
    /// <summary>The datastore sub-folder holding annotation sets.</summary>
    public const string FolderName = "annotations";

    /// <summary>The directory of set <paramref name="name"/> of <paramref name="reference"/> (whether or not it exists).</summary>
    /// <exception cref="ArgumentException">A name is not allowed.</exception>
    public static string SetDirectory(string datastoreRoot, string reference, string name)
    {
        ArgumentNullException.ThrowIfNull(datastoreRoot);
        DatastoreNames.Check(reference, "reference");
        DatastoreNames.Check(name, "annotation set");
        return Path.Combine(Path.GetFullPath(datastoreRoot), FolderName, reference, name);
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
        if (!DatastoreNames.IsValid(reference)) return [];
        var refDir = new DirectoryInfo(Path.Combine(Path.GetFullPath(datastoreRoot), FolderName, reference));
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
        if (!DatastoreNames.IsValid(reference)) return null;
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
        string target = SetDirectory(datastoreRoot, reference, name);
        ArgumentNullException.ThrowIfNull(gff3Path);
        if (!replace && Directory.Exists(target)) throw new AnnotationSetExistsException(reference, name);
        string staging = Path.Combine(Path.GetFullPath(datastoreRoot), ".pangy", "staging",
            $"annotations.{reference}.{name}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var result = AnnotationImport.Run(gff3Path, staging, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            Publish(staging, target, replace, reference, name);
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

    private static void Publish(string staging, string target, bool replace, string reference, string name)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }
        if (!replace) throw new AnnotationSetExistsException(reference, name);
        // After the exchange the staging path holds the old set; the caller deletes it.
        if (!TryExchange(staging, target))
        {
            string old = staging + ".old";
            Directory.Move(target, old);
            Directory.Move(staging, target);
            Directory.Move(old, staging);
        }
    }

    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(int olddirfd, string oldpath, int newdirfd, string newpath, uint flags);

    private static bool TryExchange(string a, string b)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return RenameAt2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }
}

/// <summary>What adding an annotation set did.</summary>
public sealed record AnnotationSetResult(string Reference, string Name, string Directory, AnnotationImportResult Import);

/// <summary>An annotation set that already exists, when replacing was not asked for.</summary>
public sealed class AnnotationSetExistsException(string reference, string name)
    : IOException($"annotation set '{name}' of reference '{reference}' already exists; use --force to replace it")
{
    public string Reference { get; } = reference;
    public string Name { get; } = name;
}
