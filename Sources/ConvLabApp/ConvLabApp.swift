// The ConvLabApp module; see DESIGN.md for its place in the layout.
