using System.Globalization;
using Pangy.Core.Datastore;

namespace Pangy.Core.Storage;

/// <summary>
/// A datastore on a share (any <see cref="IReadableDatastore"/> whose files are paths, such as a mounted Azure Files
/// share) fronted by a local cache of its hot files within a byte budget. <see cref="OpenForReading"/> gives a local
/// directory per published version of a chromosome (<c>{cache}/chromosomes/{dataset}/{chromosome}/{stamp}/</c>) in
/// which the files every query touches — the memory-mapped indexes and the SQLite databases — are copies, and
/// everything else (paths, skeleton, polychain data) is a symbolic link to the share. When the budget is short the
/// least recently opened chromosomes are evicted first; what still does not fit stays on the share (linked). The
/// listing, change stamps and annotation sets are the share's.
/// </summary>
public sealed class CachedReadableDatastore : IReadableDatastore
{
    private const string ChromosomesDirectoryName = "chromosomes";
    private const string DerivedDirectoryName = "derived";
    private const string PartialSuffix = ".partial";

    private static readonly HashSet<string> HotNames = new(StringComparer.Ordinal)
    {
        SegmentIndexLayout.Index.DirectoryName, LinkIndexLayout.Index.DirectoryName, StepIndexLayout.Index.DirectoryName,
        BubbleIndexLayout.Index.DirectoryName, PolychainIndexLayout.Index.DirectoryName, PolychainIndexLayout.ReferenceIndex.DirectoryName,
        ChromosomeLayout.SegmentsDbName, ChromosomeLayout.LinksDbName, ChromosomeLayout.BubblesDbName, ChromosomeLayout.StepIndexDbName,
    };

    private readonly IReadableDatastore _share;
    private readonly string _root;
    private readonly object _gate = new();
    private readonly Dictionary<string, Copy> _copies = new(StringComparer.Ordinal);
    private long _clock;

    /// <param name="share">The datastore the files come from.</param>
    /// <param name="cacheDirectory">A local folder owned by this cache.</param>
    /// <param name="byteBudget">The most bytes of copies the cache keeps.</param>
    public CachedReadableDatastore(IReadableDatastore share, string cacheDirectory, long byteBudget)
    {
        ArgumentNullException.ThrowIfNull(share);
        ArgumentOutOfRangeException.ThrowIfNegative(byteBudget);
        _share = share;
        _root = Path.GetFullPath(cacheDirectory);
        ByteBudget = byteBudget;
        // Copies left by an earlier process count against the budget and are evicted first.
        string chromosomes = Path.Combine(_root, ChromosomesDirectoryName);
        if (Directory.Exists(chromosomes))
        {
            foreach (var dir in Directory.EnumerateDirectories(chromosomes, "*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 2 }))
            {
                if (Path.GetRelativePath(chromosomes, dir).Split(Path.DirectorySeparatorChar).Length != 3) continue;
                if (dir.EndsWith(PartialSuffix, StringComparison.Ordinal)) { DeleteQuietly(dir); continue; }
                _copies[dir] = new Copy(CopiedBytes(dir), 0);
            }
        }
    }

    /// <summary>The most bytes of copies kept.</summary>
    public long ByteBudget { get; }

    /// <summary>Bytes of copies held now.</summary>
    public long CachedBytes
    {
        get { lock (_gate) return _copies.Values.Sum(c => c.Bytes); }
    }

    public string Location => _share.Location;

    public string CacheDirectory => Path.Combine(_root, DerivedDirectoryName);

    public IReadOnlyList<string> ListDatasets() => _share.ListDatasets();

    public IReadOnlyList<string> ListChromosomes(string dataset) => _share.ListChromosomes(dataset);

    public ChromosomeLayout Locate(ChromosomeKey key) => _share.Locate(key);

    public long ChangeStamp(ChromosomeKey key) => _share.ChangeStamp(key);

    public IReadOnlyList<AnnotationLayout> AnnotationSets(string reference) => _share.AnnotationSets(reference);

    public ChromosomeLayout OpenForReading(ChromosomeKey key)
    {
        var source = _share.OpenForReading(key);
        if (!Directory.Exists(source.Directory)) return source;
        string local = Path.Combine(_root, ChromosomesDirectoryName, key.Dataset, key.Chromosome,
            _share.ChangeStamp(key).ToString(CultureInfo.InvariantCulture));
        lock (_gate)
        {
            if (_copies.TryGetValue(local, out var known) && Directory.Exists(local))
            {
                _copies[local] = known with { LastUse = ++_clock };
                return new ChromosomeLayout(local);
            }
            // Older versions of this chromosome are never read again.
            string versions = Path.GetDirectoryName(local)!;
            foreach (var old in _copies.Keys.Where(k => Path.GetDirectoryName(k) == versions).ToList()) Evict(old);

            var entries = Directory.EnumerateFileSystemEntries(source.Directory).Order(StringComparer.Ordinal).ToList();
            long needed = entries.Where(e => HotNames.Contains(Path.GetFileName(e))).Sum(SizeOf);
            foreach (var lru in _copies.OrderBy(c => c.Value.LastUse).Select(c => c.Key).ToList())
            {
                if (_copies.Values.Sum(c => c.Bytes) + needed <= ByteBudget) break;
                Evict(lru);
            }
            long room = ByteBudget - _copies.Values.Sum(c => c.Bytes);
            string partial = local + PartialSuffix;
            DeleteQuietly(partial);
            Directory.CreateDirectory(partial);
            long copied = 0;
            foreach (string entry in entries)
            {
                string name = Path.GetFileName(entry);
                string target = Path.Combine(partial, name);
                long size = HotNames.Contains(name) ? SizeOf(entry) : -1;
                if (size >= 0 && copied + size <= room)
                {
                    CopyEntry(entry, target);
                    copied += size;
                }
                else if (Directory.Exists(entry)) Directory.CreateSymbolicLink(target, entry);
                else File.CreateSymbolicLink(target, entry);
            }
            DeleteQuietly(local);
            Directory.Move(partial, local);
            _copies[local] = new Copy(copied, ++_clock);
            return new ChromosomeLayout(local);
        }
    }

    // A copy in use by an open reader may be deleted: on Linux its mapped files live until they are unmapped.
    private void Evict(string dir)
    {
        _copies.Remove(dir);
        DeleteQuietly(dir);
    }

    private static void CopyEntry(string from, string to)
    {
        if (File.Exists(from))
        {
            File.Copy(from, to);
            return;
        }
        Directory.CreateDirectory(to);
        foreach (var f in Directory.EnumerateFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.EnumerateDirectories(from)) CopyEntry(d, Path.Combine(to, Path.GetFileName(d)));
    }

    private static long SizeOf(string entry) =>
        File.Exists(entry)
            ? new FileInfo(entry).Length
            : new DirectoryInfo(entry).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    // Only real files count: links point at the share.
    private static long CopiedBytes(string dir) =>
        new DirectoryInfo(dir).EnumerateFileSystemInfos().Where(e => e.LinkTarget is null)
            .Sum(e => e is FileInfo f ? f.Length : ((DirectoryInfo)e).EnumerateFiles("*", SearchOption.AllDirectories).Sum(x => x.Length));

    private static void DeleteQuietly(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private sealed record Copy(long Bytes, long LastUse);
}
