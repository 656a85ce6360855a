Console.WriteLine("pangy");
