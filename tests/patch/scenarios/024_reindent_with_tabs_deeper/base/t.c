int f(void)
{
	if (x) {
		return 1;
	}
	return 0;
}
