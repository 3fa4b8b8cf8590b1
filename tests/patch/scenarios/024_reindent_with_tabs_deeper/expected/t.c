int f(void)
{
	if (x) {
		if (y)
			return 2;
		return 1;
	}
	return 0;
}
