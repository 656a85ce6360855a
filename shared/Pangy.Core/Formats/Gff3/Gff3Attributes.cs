namespace Pangy.Core.Formats.Gff3;

/// <summary>
/// Column 9 of a GFF3 line read as the reference reads it (§9.1): split on <c>;</c>, each item split on <c>=</c>;
/// an item that does not give exactly two parts is skipped (so a value containing <c>=</c> is lost), and key and
/// value are trimmed of white space. Values are not percent-decoded, and a comma list (<c>tag=a,b</c>) stays one
/// value. Allocation-free: <c>foreach (var (key, value) in new Gff3Attributes(span))</c>.
/// </summary>
public readonly ref struct Gff3Attributes
{
    private readonly ReadOnlySpan<byte> _text;

    public Gff3Attributes(ReadOnlySpan<byte> text) => _text = text;

    public Enumerator GetEnumerator() => new(_text);

    /// <summary>
    /// True when the keys of <paramref name="key"/> and <paramref name="expectedLower"/> are equal ignoring ASCII
    /// case (the reference lower-cases keys); <paramref name="expectedLower"/> must be lower case.
    /// </summary>
    public static bool KeyIs(ReadOnlySpan<byte> key, ReadOnlySpan<byte> expectedLower)
    {
        if (key.Length != expectedLower.Length) return false;
        for (int i = 0; i < key.Length; i++)
        {
            byte b = key[i];
            if (b is >= (byte)'A' and <= (byte)'Z') b += 32;
            if (b != expectedLower[i]) return false;
        }
        return true;
    }

    /// <summary>One <c>key=value</c> item, both trimmed.</summary>
    public readonly ref struct Attribute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        public ReadOnlySpan<byte> Key { get; } = key;
        public ReadOnlySpan<byte> Value { get; } = value;

        public void Deconstruct(out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
        {
            key = Key;
            value = Value;
        }
    }

    public ref struct Enumerator
    {
        private ReadOnlySpan<byte> _rest;
        private bool _done;

        internal Enumerator(ReadOnlySpan<byte> text)
        {
            _rest = text;
            _done = false;
            Current = default;
        }

        public Attribute Current { get; private set; }

        public bool MoveNext()
        {
            while (!_done)
            {
                ReadOnlySpan<byte> item;
                int semi = _rest.IndexOf((byte)';');
                if (semi < 0) { item = _rest; _done = true; }
                else { item = _rest[..semi]; _rest = _rest[(semi + 1)..]; }
                int eq = item.IndexOf((byte)'=');
                if (eq < 0 || item[(eq + 1)..].Contains((byte)'=')) continue;
                Current = new Attribute(Trim(item[..eq]), Trim(item[(eq + 1)..]));
                return true;
            }
            return false;
        }

        private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
        {
            int a = 0, b = s.Length;
            while (a < b && Gff3Reader.IsSpace(s[a])) a++;
            while (b > a && Gff3Reader.IsSpace(s[b - 1])) b--;
            return s[a..b];
        }
    }
}
