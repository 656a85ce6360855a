using System.Text;
using Pangy.Core.Formats.Json;

namespace Pangy.Core.Skeleton;

/// <summary>
/// Python's <c>repr(float)</c> (<see cref="PythonFloat.FormatRepr"/>) appended straight to a
/// <see cref="StringBuilder"/>, without the intermediate string <see cref="PyJson.Float"/> makes, for the stage's
/// millions of coordinates.
/// </summary>
internal static class PyFloatText
{
    public static void Append(StringBuilder sb, double v)
    {
        if (!double.IsFinite(v))
        {
            sb.Append(PyJson.FormatFloat(v));
            return;
        }
        Span<byte> text = stackalloc byte[PythonFloat.MaxReprLength];
        int n = PythonFloat.FormatRepr(v, text);
        Span<char> chars = stackalloc char[PythonFloat.MaxReprLength];
        for (int i = 0; i < n; i++) chars[i] = (char)text[i];
        sb.Append(chars[..n]);
    }
}
