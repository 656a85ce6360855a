using Pangy.Core.Formats.Compression;
using Pangy.Core.Formats.Fasta;

namespace Pangy.Core.Formats.TwoBit;

/// <summary>FASTA (plain or gzip) → .2bit, what <c>pangy assets twobit</c> runs (kent's <c>faToTwoBit</c>).</summary>
public static class FastaToTwoBit
{
    /// <summary>Converts <paramref name="fastaPath"/> into <paramref name="outputPath"/>; nothing is left there on failure.</summary>
    /// <param name="progress">Bytes of the (compressed) input read so far, reported now and then.</param>
    /// <exception cref="BadInputException">The FASTA cannot be used (file, line, reason).</exception>
    public static TwoBitConversion Run(string fastaPath, string outputPath, TwoBitWriterOptions? options = null,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        using var file = new FileStream(fastaPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var fasta = new FastaReader(InputStreams.OpenDecompressed(file, fastaPath, out _), fastaPath);
        using var writer = new TwoBitWriter(outputPath, options);
        var buffer = new byte[1 << 16];
        int sequences = 0;
        long bases = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (fasta.ReadDefinition() is { } name)
        {
            long line = fasta.LineNumber;
            if (!seen.Add(name)) throw new BadInputException(fastaPath, line, $"sequence '{name}' appears twice");
            try { writer.BeginSequence(name); }
            catch (ArgumentException e) { throw new BadInputException(fastaPath, line, e.Message); }
            sequences++;
            int n;
            while ((n = fasta.ReadBases(buffer)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try { writer.Append(buffer.AsSpan(0, n)); }
                catch (ArgumentException e) { throw new BadInputException(fastaPath, fasta.LineNumber, e.Message); }
                bases += n;
                progress?.Report(file.Position);
            }
        }
        if (sequences == 0) throw new BadInputException(fastaPath, null, "no '>' record: not a FASTA file");
        writer.Commit(cancellationToken);
        return new TwoBitConversion(sequences, bases, writer.AmbiguousBasesStoredAsN);
    }
}
