namespace Pangy.Core.Datastore;

/// <summary>
/// <c>polychain.mmapindex/</c> (§4.1, §7.4): the top-level chains' layout x ranges sorted by (x1, x2, id), and each
/// chain's decomposition in <c>decomp/{chain}.json.gz</c>. Readers also accept the reference's
/// <c>polychains.mmapindex</c> name.
/// </summary>
public static class PolychainIndexLayout
{
    public static readonly NpyColumn<double> ChainX1 = new("chain_x1");
    public static readonly NpyColumn<double> ChainX2 = new("chain_x2");
    public static readonly NpyColumn<long> ChainIds = new("chain_ids");

    /// <summary><c>meta.json</c>: number of chains.</summary>
    public const string CountKey = "num_chains";

    /// <summary>The folder of per-chain decompositions inside the index directory.</summary>
    public const string DecompositionDirectoryName = "decomp";

    public static readonly IndexLayout Index = new("polychain.mmapindex", [CountKey], ChainX1, ChainX2, ChainIds);

    /// <summary>The same index under the reference's directory name (read, never written).</summary>
    public static readonly IndexLayout ReferenceIndex = new("polychains.mmapindex", [CountKey], ChainX1, ChainX2, ChainIds);

    /// <summary>The decomposition file name of <paramref name="chain"/>: <c>{chain}.json.gz</c>.</summary>
    public static string DecompositionName(long chain) => chain.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".json.gz";

    /// <summary>The decomposition file of <paramref name="chain"/> inside the index directory <paramref name="indexDirectory"/>.</summary>
    public static string DecompositionFile(string indexDirectory, long chain) =>
        Path.Combine(indexDirectory, DecompositionDirectoryName, DecompositionName(chain));
}
