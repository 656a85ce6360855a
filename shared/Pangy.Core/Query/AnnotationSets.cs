using System.Collections.Concurrent;
using Pangy.Core.Annotations;
using Pangy.Core.Build;

namespace Pangy.Core.Query;

/// <summary>
/// The annotation sets a server answers /genes and /search from: per reference, the set named in the configuration or
/// else the newest one under <c>{root}/annotations/{ref}/</c> (§8.1). A reference name reaches the file system only as
/// one of the folder names actually listed there (escaped as <see cref="FileNames.Escape"/> escapes it); a missing
/// annotation set is not an error until a request asks for it.
/// </summary>
public sealed class AnnotationSets : IDisposable
{
    private readonly string _root;
    private readonly string? _name;
    private readonly ConcurrentDictionary<string, Lazy<AnnotationIndex?>> _open = new(StringComparer.Ordinal);

    /// <param name="datastoreRoot">The datastore folder.</param>
    /// <param name="name">The annotation set to serve for every reference; null: the newest of each.</param>
    public AnnotationSets(string datastoreRoot, string? name)
    {
        _root = Path.GetFullPath(datastoreRoot);
        _name = string.IsNullOrEmpty(name) ? null : name;
    }

    /// <summary>The annotation set of <paramref name="genome"/>, or null when the datastore has none.</summary>
    public AnnotationIndex? Find(string genome)
    {
        if (string.IsNullOrEmpty(genome) || genome.Length > 256) return null;
        var lazy = _open.GetOrAdd(genome, g => new Lazy<AnnotationIndex?>(() => Open(g), LazyThreadSafetyMode.ExecutionAndPublication));
        var index = lazy.Value;
        if (index is null) _open.TryRemove(genome, out _); // added later? look again next time
        return index;
    }

    /// <summary>The annotation set of <paramref name="genome"/>; <see cref="NotFoundQueryException"/> when there is none.</summary>
    public AnnotationIndex Require(string? genome) =>
        (genome is null ? null : Find(genome)) ?? throw new NotFoundQueryException($"Genome '{QueryDatastore.Printable(genome ?? "")}' not found");

    private AnnotationIndex? Open(string genome)
    {
        string annotations = Path.Combine(_root, AnnotationCatalog.FolderName);
        if (!Directory.Exists(annotations)) return null;
        string escaped = FileNames.Escape(genome);
        string? refDir = Directory.EnumerateDirectories(annotations).FirstOrDefault(d => Path.GetFileName(d) == escaped);
        if (refDir is null) return null;
        var sets = new DirectoryInfo(refDir).EnumerateDirectories()
            .Where(d => File.Exists(Path.Combine(d.FullName, AnnotationSchema.DatabaseFileName)))
            .OrderByDescending(d => d.LastWriteTimeUtc).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
        var chosen = _name is null ? sets.FirstOrDefault() : sets.FirstOrDefault(d => d.Name == _name);
        return chosen is null ? null : AnnotationIndex.Open(chosen.FullName);
    }

    public void Dispose()
    {
        foreach (var l in _open.Values)
            if (l.IsValueCreated) l.Value?.Dispose();
    }
}
