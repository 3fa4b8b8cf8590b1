def clamp(value, low, high):
    if low > high:
        low, high = high, low
    if value < low:
        return low
    if value > high:
        return high
    return value
