import ConvEngine
print("convlab")
