namespace Pangy.Core.Assets;

/// <summary>Reverse complement of ASCII bases in place, keeping case (soft-masking) and N.</summary>
public static class ReverseComplement
{
    private static readonly byte[] Complement = Build();

    private static byte[] Build()
    {
        var t = new byte[256];
        for (int i = 0; i < 256; i++) t[i] = (byte)i;
        foreach (var (a, b) in new[] { ('A', 'T'), ('C', 'G'), ('a', 't'), ('c', 'g') })
        {
            t[a] = (byte)b;
            t[b] = (byte)a;
        }
        return t;
    }

    public static void InPlace(Span<byte> bases)
    {
        bases.Reverse();
        for (int i = 0; i < bases.Length; i++) bases[i] = Complement[bases[i]];
    }
}
