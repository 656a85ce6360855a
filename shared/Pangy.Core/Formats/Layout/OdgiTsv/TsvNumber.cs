using Pangy.Core.Formats.Json;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Pangy.Core.Formats.Layout.OdgiTsv;

/// <summary>
/// The TSV reader's hot number parser: <c>[-]digits[.digits]</c>, eight digits at a time (SWAR). It reads up to 8
/// bytes past the number, so the caller's buffer must have 8 readable bytes after the data. Anything it does not
/// handle (a <c>+</c>, an exponent, more than 19 digits) returns false for <see cref="PythonFloat.TryParseDecimal"/>.
/// </summary>
internal static class TsvNumber
{
    private static ReadOnlySpan<double> ExactPowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    private static ReadOnlySpan<ulong> IntegerPowersOfTen => [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000];

    /// <summary>
    /// Parses the number at <paramref name="pos"/> and moves past it; the result is the nearest double to the text
    /// (a single exact division when the digits fit in 53 bits, the framework's exact parser otherwise).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryParse(ref byte data, ref int pos, out double value)
    {
        int p = pos;
        bool negative = Unsafe.Add(ref data, p) == (byte)'-';
        if (negative) p++;

        ulong mantissa = 0;
        int digits = 0, n;
        do
        {
            ulong chunk = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref data, p));
            n = DigitRun(chunk);
            if (n == 0) break;
            digits += n;
            if (digits > 19) goto Fail;
            mantissa = mantissa * IntegerPowersOfTen[n] + Digits(chunk, n);
            p += n;
        }
        while (n == 8);

        int fraction = 0;
        if (Unsafe.Add(ref data, p) == (byte)'.')
        {
            p++;
            do
            {
                ulong chunk = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref data, p));
                n = DigitRun(chunk);
                if (n == 0) break;
                digits += n;
                if (digits > 19) goto Fail;
                mantissa = mantissa * IntegerPowersOfTen[n] + Digits(chunk, n);
                fraction += n;
                p += n;
            }
            while (n == 8);
        }
        if (digits == 0 || (Unsafe.Add(ref data, p) | 0x20) == (byte)'e') goto Fail;

        if (mantissa <= 1UL << 53 && fraction <= 22)
        {
            // Clinger: both operands are exact doubles, so the one rounding of the division is the only one.
            value = mantissa / ExactPowersOfTen[fraction];
            if (negative) value = -value;
        }
        else if (!ParseExactly(ref data, pos, p, out value)) goto Fail;
        pos = p;
        return true;

    Fail:
        value = 0;
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool ParseExactly(ref byte data, int start, int end, out double value) =>
        double.TryParse(System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref data, start), end - start),
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    /// <summary>How many of the 8 bytes (in memory order) are ASCII digits before the first that is not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int DigitRun(ulong chunk)
    {
        // Per byte, t = b - '0' is a digit iff t <= 9: then neither t's top bit nor (t + 0x76)'s is set. Borrows and
        // carries only start at a non-digit byte and only move up, so the lowest non-digit byte is always found.
        ulong t = chunk - 0x3030303030303030UL;
        ulong nonDigit = (t | (t + 0x7676767676767676UL)) & 0x8080808080808080UL;
        return BitOperations.TrailingZeroCount(nonDigit) >> 3;
    }

    /// <summary>The value of the first <paramref name="n"/> (1–8) bytes of <paramref name="chunk"/>, all digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Digits(ulong chunk, int n)
    {
        // Move the n digits to the top bytes (the low bytes become leading zeros), then combine pairs, quads, eights.
        ulong v = (chunk - 0x3030303030303030UL) << ((8 - n) * 8);
        v = v * 10 + (v >> 8);
        v = (((v & 0x000000FF000000FFUL) * (100 + (1000000UL << 32))) + (((v >> 16) & 0x000000FF000000FFUL) * (1 + (10000UL << 32)))) >> 32;
        return (uint)v;
    }
}
