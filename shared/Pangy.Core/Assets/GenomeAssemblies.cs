using System.Collections.Concurrent;
using Pangy.Core.Formats.ChromAlias;
using Pangy.Core.Formats.ChromSizes;
using Pangy.Core.Formats.TwoBit;

namespace Pangy.Core.Assets;

/// <summary>
/// The assemblies a server reads, opened on first use through the <see cref="AssetManager"/> (so their files are
/// fetched lazily) and kept open. A genome is named by its files' base name (<c>hg38.p12.mini</c> for
/// <c>hg38.p12.mini.2bit</c>), or by a dataset's reference name when <paramref name="assemblyOfReference"/> knows
/// which assembly the dataset names (its <c>dataset.json</c> <c>"assembly"</c>). Thread-safe.
/// </summary>
public sealed class GenomeAssemblies(AssetManager assets, Func<string, string?>? assemblyOfReference = null) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<GenomeAssembly>>> _open = new(StringComparer.Ordinal);

    public AssetManager Assets { get; } = assets;

    /// <summary>The assembly <paramref name="genome"/> names (see the class summary).</summary>
    /// <exception cref="AssetNotFoundException">There is no <c>.2bit</c> of that name.</exception>
    /// <exception cref="AssetUnreachableException">It is not cached and the bucket cannot be reached.</exception>
    /// <exception cref="AssetChecksumException">A file does not match the manifest.</exception>
    /// <exception cref="Formats.BadInputException">A file is damaged.</exception>
    public async Task<GenomeAssembly> GetAsync(string genome, CancellationToken cancellationToken = default)
    {
        string assembly = assemblyOfReference?.Invoke(genome) ?? genome;
        AssetNames.Check(AssetNames.TwoBit(assembly));
        var lazy = _open.GetOrAdd(assembly, a => new Lazy<Task<GenomeAssembly>>(() => OpenAsync(a, CancellationToken.None)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failure is not remembered: the next request tries again (the bucket may be back).
            _open.TryRemove(new KeyValuePair<string, Lazy<Task<GenomeAssembly>>>(assembly, lazy));
            throw;
        }
    }

    private async Task<GenomeAssembly> OpenAsync(string assembly, CancellationToken cancellationToken)
    {
        string twoBit = await Assets.GetFileAsync(AssetNames.TwoBit(assembly), cancellationToken: cancellationToken);
        string? sizes = await OptionalAsync(AssetNames.ChromSizes(assembly), cancellationToken);
        string? aliases = await OptionalAsync(AssetNames.ChromAlias(assembly), cancellationToken);
        var reader = TwoBitReader.Open(twoBit);
        try
        {
            return new GenomeAssembly(assembly, reader, sizes is null ? null : ChromSizesReader.Read(sizes),
                aliases is null ? null : ChromAliasReader.Read(aliases));
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    // chrom.sizes and chromAlias.txt are optional; an unreachable bucket or a bad checksum is still an error.
    private async Task<string?> OptionalAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await Assets.GetFileAsync(name, cancellationToken: cancellationToken);
        }
        catch (AssetNotFoundException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        foreach (var lazy in _open.Values)
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully) lazy.Value.Result.Dispose();
        _open.Clear();
    }
}
