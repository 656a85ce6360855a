namespace Pangy.Core; public static class PangyVersion { public const string Current = "v0.3.0"; }
