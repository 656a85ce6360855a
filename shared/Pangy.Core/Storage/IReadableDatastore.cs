using Pangy.Core.Datastore;

namespace Pangy.Core.Storage;

/// <summary>
/// The read side of a datastore root, as the query read model sees it: the listing of datasets and chromosomes,
/// where a published chromosome's files are, and the annotation sets of a reference. The read model never builds a
/// path into the datastore itself, so the root can be a local folder (<see cref="LocalDatastore"/>), a mounted share,
/// or a share fronted by a local cache of hot files (<see cref="CachedReadableDatastore"/>) without it knowing.
/// Names passed in come from the listing (the caller checks them first).
/// </summary>
public interface IReadableDatastore
{
    /// <summary>Where the datastore is, for messages.</summary>
    string Location { get; }

    /// <summary>A local folder where the read side may keep files it derives (path blocks of older datastores).</summary>
    string CacheDirectory { get; }

    /// <summary>The datasets, valid names only (<see cref="DatastoreNames"/>), sorted ordinally.</summary>
    IReadOnlyList<string> ListDatasets();

    /// <summary>The chromosomes of <paramref name="dataset"/>, valid names only, sorted ordinally; empty for none.</summary>
    IReadOnlyList<string> ListChromosomes(string dataset);

    /// <summary>
    /// Where the published chromosome's files are, for checking which exist (nothing is fetched). The files may not
    /// exist at all when the chromosome is not published.
    /// </summary>
    ChromosomeLayout Locate(ChromosomeKey key);

    /// <summary>The chromosome's files as local paths to open (a cached root may copy hot files first).</summary>
    ChromosomeLayout OpenForReading(ChromosomeKey key);

    /// <summary>A value that changes when the chromosome is published anew or a stage adds files to it; 0 when absent.</summary>
    long ChangeStamp(ChromosomeKey key);

    /// <summary>
    /// The annotation sets of <paramref name="reference"/> (the folder whose name is the escaped reference, §8.1), newest
    /// first, then by name; only sets that hold their database count. Empty when there are none.
    /// </summary>
    IReadOnlyList<AnnotationLayout> AnnotationSets(string reference);
}
