using System.Text;

namespace Pangy.Core.Formats.TwoBit;

/// <summary>
/// Writes a .2bit file one sequence at a time: N runs (<c>N</c>/<c>n</c>) become N blocks, lower-case runs become
/// soft-mask blocks, so reading the file back gives the input exactly (other IUPAC letters are stored as N, as kent
/// does, and counted in <see cref="AmbiguousBasesStoredAsN"/>). Sequences are kept in the order they are added.
/// Records are spooled to a temporary file beside the output, and the output is written under a temporary name and
/// renamed by <see cref="Commit"/>: a failed or abandoned write leaves nothing at <c>outputPath</c>.
/// </summary>
public sealed class TwoBitWriter : IDisposable
{
    private readonly string _outputPath;
    private readonly TwoBitWriterOptions _options;
    private readonly string _spoolPath;
    private readonly FileStream _spool;
    private readonly List<(string Name, long Offset)> _index = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<uint> _nStarts = [], _nSizes = [], _maskStarts = [], _maskSizes = [];
    private readonly MemoryStream _packed = new();
    private string? _current;
    private long _length, _nRunStart = -1, _maskRunStart = -1;
    private byte _pending;
    private bool _committed;

    public TwoBitWriter(string outputPath, TwoBitWriterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        _outputPath = Path.GetFullPath(outputPath);
        _options = options ?? new TwoBitWriterOptions();
        if (_options.Version > TwoBitLayout.MaxVersion) throw new ArgumentOutOfRangeException(nameof(options), "version must be 0 or 1");
        Directory.CreateDirectory(Path.GetDirectoryName(_outputPath)!);
        _spoolPath = _outputPath + $".{Environment.ProcessId}.{Guid.NewGuid():N}.records.tmp";
        _spool = new FileStream(_spoolPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
    }

    /// <summary>Letters other than ACGTN (either case) that were stored as N.</summary>
    public long AmbiguousBasesStoredAsN { get; private set; }

    /// <summary>Starts sequence <paramref name="name"/> (ASCII, 1–255 bytes, unique), ending the previous one.</summary>
    /// <exception cref="ArgumentException">The name is empty, too long, not ASCII or already used.</exception>
    public void BeginSequence(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > 255 || !Ascii.IsValid(name) || name.Any(char.IsWhiteSpace))
            throw new ArgumentException($"sequence name '{name}' must be 1–255 ASCII characters without blanks", nameof(name));
        if (!_names.Add(name)) throw new ArgumentException($"sequence '{name}' is added twice", nameof(name));
        EndSequence();
        _current = name;
    }

    /// <summary>Appends bases (ASCII letters) to the current sequence.</summary>
    /// <exception cref="ArgumentException">A byte is not a letter.</exception>
    public void Append(ReadOnlySpan<byte> bases)
    {
        if (_current is null) throw new InvalidOperationException("BeginSequence first");
        for (int i = 0; i < bases.Length; i++)
        {
            byte b = bases[i];
            byte upper = (byte)(b & ~0x20);
            if (upper is < (byte)'A' or > (byte)'Z')
                throw new ArgumentException($"'{(char)b}' at base {_length + 1} of '{_current}' is not a nucleotide letter", nameof(bases));
            bool isN = upper is not ((byte)'A' or (byte)'C' or (byte)'G' or (byte)'T');
            if (isN && upper != (byte)'N') AmbiguousBasesStoredAsN++;
            Run(_nStarts, _nSizes, ref _nRunStart, isN);
            Run(_maskStarts, _maskSizes, ref _maskRunStart, (b & 0x20) != 0);
            int slot = (int)(_length & 3);
            _pending |= (byte)(TwoBitLayout.Code(isN ? (byte)'T' : b) << (6 - 2 * slot));
            if (slot == 3)
            {
                _packed.WriteByte(_pending);
                _pending = 0;
            }
            _length++;
            if (_length > uint.MaxValue) throw new ArgumentException($"sequence '{_current}' is longer than a .2bit can hold (4 Gbases)");
        }
    }

    private void Run(List<uint> starts, List<uint> sizes, ref long runStart, bool inRun)
    {
        if (inRun && runStart < 0) runStart = _length;
        else if (!inRun && runStart >= 0) CloseRun(starts, sizes, ref runStart);
    }

    private void CloseRun(List<uint> starts, List<uint> sizes, ref long runStart)
    {
        if (runStart < 0) return;
        starts.Add((uint)runStart);
        sizes.Add((uint)(_length - runStart));
        runStart = -1;
    }

    private void EndSequence()
    {
        if (_current is null) return;
        CloseRun(_nStarts, _nSizes, ref _nRunStart);
        CloseRun(_maskStarts, _maskSizes, ref _maskRunStart);
        if ((_length & 3) != 0) _packed.WriteByte(_pending);
        _pending = 0;
        _index.Add((_current, _spool.Position));
        bool be = _options.BigEndian;
        var word = new byte[4];
        void U32(uint v) { TwoBitLayout.WriteUInt32(word, v, be); _spool.Write(word); }
        void Blocks(List<uint> starts, List<uint> sizes)
        {
            U32((uint)starts.Count);
            foreach (var s in starts) U32(s);
            foreach (var s in sizes) U32(s);
        }
        U32((uint)_length);
        Blocks(_nStarts, _nSizes);
        Blocks(_maskStarts, _maskSizes);
        U32(0);
        _packed.Position = 0;
        _packed.CopyTo(_spool);
        _packed.SetLength(0);
        _nStarts.Clear(); _nSizes.Clear(); _maskStarts.Clear(); _maskSizes.Clear();
        _current = null;
        _length = 0;
    }

    /// <summary>Ends the last sequence, writes the file and renames it into place (replacing what was there).</summary>
    public void Commit(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        EndSequence();
        long indexSize(int offsetSize) => _index.Sum(e => 1L + Encoding.ASCII.GetByteCount(e.Name) + offsetSize);
        long recordsStart0 = TwoBitLayout.HeaderSize + indexSize(4);
        uint version = _options.Version ?? (recordsStart0 + _spool.Length > uint.MaxValue ? 1u : 0u);
        int offsetSize = version == 1 ? 8 : 4;
        long recordsStart = TwoBitLayout.HeaderSize + indexSize(offsetSize);
        if (version == 0 && recordsStart + _spool.Length > uint.MaxValue)
            throw new InvalidOperationException("the file exceeds 4 GiB: version 0 cannot address it (use version 1)");
        string temp = _outputPath + $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                bool be = _options.BigEndian;
                var header = new byte[TwoBitLayout.HeaderSize];
                TwoBitLayout.WriteUInt32(header, TwoBitLayout.Signature, be);
                TwoBitLayout.WriteUInt32(header.AsSpan(4), version, be);
                TwoBitLayout.WriteUInt32(header.AsSpan(8), (uint)_index.Count, be);
                output.Write(header);
                var offset = new byte[8];
                foreach (var (name, at) in _index)
                {
                    var bytes = Encoding.ASCII.GetBytes(name);
                    output.WriteByte((byte)bytes.Length);
                    output.Write(bytes);
                    if (version == 1) TwoBitLayout.WriteUInt64(offset, (ulong)(recordsStart + at), be);
                    else TwoBitLayout.WriteUInt32(offset, (uint)(recordsStart + at), be);
                    output.Write(offset, 0, offsetSize);
                }
                _spool.Position = 0;
                _spool.CopyTo(output);
                cancellationToken.ThrowIfCancellationRequested();
                output.Flush(flushToDisk: true);
            }
            File.Move(temp, _outputPath, overwrite: true);
            _committed = true;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public void Dispose()
    {
        _spool.Dispose();
        _packed.Dispose();
    }
}
