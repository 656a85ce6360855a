using System.Text.Json;
using Pangy.Core.Formats;
using Pangy.Core.Query;

namespace Pangy.Core.Assets;

/// <summary>
/// The asset routes' logic, which the HTTP layer only parses for and writes: <c>/sequence</c>, <c>/chrom-sizes</c>,
/// <c>/assets</c>. Asset failures become the read model's errors: an unknown genome or chromosome is not found (404),
/// an unreachable bucket or a file that fails its checksum is unusable (503), a window over the limit too large (413).
/// </summary>
public static class SequenceQueries
{
    /// <summary>Bases <paramref name="start"/>..<paramref name="end"/> (1-based, inclusive) of a chromosome (any alias), reverse-complemented on <c>-</c>.</summary>
    public static async Task<SequenceWindow> SequenceAsync(GenomeAssemblies genomes, string? genome, string? chromosome, long start, long end,
        string? strand, long maxLength, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(genome)) throw new BadQueryException("missing parameter: genome");
        if (string.IsNullOrEmpty(chromosome)) throw new BadQueryException("missing parameter: chromosome");
        char s = strand switch
        {
            null or "" or "+" => '+',
            "-" => '-',
            _ => throw new BadQueryException($"parameter strand must be '+' or '-', not '{QueryDatastore.Printable(strand)}'"),
        };
        if (start < 1) throw new BadQueryException($"start must be at least 1 (positions are 1-based), not {start}");
        if (end < start) throw new BadQueryException($"end {end} is before start {start}");
        long length = end - start + 1;
        if (length > maxLength)
            throw new TooLargeQueryException($"a window of {length} bases is over the limit of {maxLength}", [new("length", length), new("limit", maxLength)]);
        var assembly = await OpenAsync(genomes, genome, cancellationToken);
        string name = assembly.Resolve(chromosome) ?? throw new NotFoundQueryException(
            $"Contig not found: '{QueryDatastore.Printable(chromosome)}' in {assembly.Name} (its .2bit, chrom.sizes and chromAlias.txt)");
        long size = assembly.Sequence.LengthOf(name)!.Value;
        if (end > size) throw new BadQueryException($"end {end} is past the end of {name} ({size} bases)");
        var bases = new byte[length];
        assembly.Sequence.Read(name, start - 1, end, bases);
        if (s == '-') ReverseComplement.InPlace(bases);
        return new SequenceWindow(genome, name, start, end, s, bases);
    }

    /// <summary><c>{"genome": …, "chromosomes": [{"name", "length"}]}</c> in <c>chrom.sizes</c> order.</summary>
    public static async Task<IJsonResult> ChromSizesAsync(GenomeAssemblies genomes, string? genome, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(genome)) throw new BadQueryException("missing parameter: genome");
        var assembly = await OpenAsync(genomes, genome, cancellationToken);
        return new JsonAnswer(w =>
        {
            w.WriteStartObject();
            w.WriteString("genome", genome);
            w.WriteString("assembly", assembly.Name);
            w.WriteStartArray("chromosomes");
            foreach (var c in assembly.Sizes)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteNumber("length", c.Length);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary><c>{"bucket", "bucket_error", "files": [{"name", "size", "sha256", "in_bucket", "cached"}], "assemblies": [...]}</c>.</summary>
    public static async Task<IJsonResult> ListAsync(AssetManager assets, CancellationToken cancellationToken)
    {
        var listing = await assets.ListAsync(cancellationToken);
        return new JsonAnswer(w =>
        {
            w.WriteStartObject();
            w.WriteString("bucket", assets.Bucket.Location);
            if (listing.BucketError is null) w.WriteNull("bucket_error");
            else w.WriteString("bucket_error", listing.BucketError);
            w.WriteStartArray("files");
            foreach (var f in listing.Files)
            {
                w.WriteStartObject();
                w.WriteString("name", f.Name);
                w.WriteNumber("size", f.Size);
                if (f.Sha256 is null) w.WriteNull("sha256");
                else w.WriteString("sha256", f.Sha256);
                w.WriteBoolean("in_bucket", f.InBucket);
                w.WriteBoolean("cached", f.Cached);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("assemblies");
            foreach (var f in listing.Files)
                if (AssetNames.AssemblyOf(f.Name) is { } a) w.WriteStringValue(a);
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task<GenomeAssembly> OpenAsync(GenomeAssemblies genomes, string genome, CancellationToken cancellationToken)
    {
        try
        {
            return await genomes.GetAsync(genome, cancellationToken);
        }
        catch (ArgumentException)
        {
            throw new BadQueryException($"'{QueryDatastore.Printable(genome)}' is not a genome name");
        }
        catch (AssetNotFoundException)
        {
            throw new NotFoundQueryException($"Genome '{genome}' not found: the asset bucket {genomes.Assets.Bucket.Location} has no {genome}.2bit");
        }
        catch (AssetException e)
        {
            throw new IndexUnusableException(e.Message, e);
        }
        catch (BadInputException e)
        {
            throw new IndexUnusableException($"genome '{genome}' cannot be read: {e.Message}", e);
        }
    }

    private sealed class JsonAnswer(Action<Utf8JsonWriter> write) : IJsonResult
    {
        public void WriteTo(Utf8JsonWriter writer) => write(writer);
    }
}
