void f(void)
{
  reset();
}

void g(void)
{
  reset();
}
