print("rootmail")
